import type { LaneName } from './LaneConfig.ts';

/** The text shown wherever a lane is off for want of a model: exactly what to do. */
export function howToEnableLane(lane: LaneName): string {
  const prefix = `PAIRLANE_${lane.toUpperCase()}_`;
  return `Run \`npm run model:pull\` (needs internet) to put a small model in models/, or set ${prefix}BASE_URL and ${prefix}MODEL (and ${prefix}API_KEY if the endpoint needs one).`;
}
