import type { RoomEvent } from '../roomEvent.ts';
import { costOf, type ModelPriceTable } from './modelPrices.ts';
import { readPayload, type ReplayLane } from './replayPayloads.ts';

export const REPORT_LANES = ['fast', 'quick-edit', 'deep'] as const satisfies readonly ReplayLane[];

/** An accepted change and what its request cost. */
export interface AcceptedChange {
  at: number;
  personId: string;
  lane: ReplayLane;
  model: string | null;
  requestId: string;
  /** Null when the request's ai-request event is missing or had no counts. */
  tokensIn: number | null;
  tokensOut: number | null;
  /** Null when the model has no price in the table (or the counts are unknown). */
  cost: number | null;
}

/** How long a request took to show its suggestion: from the request's start to the first suggestion-shown. */
export interface SuggestionLatency {
  /** When it was shown. */
  at: number;
  lane: ReplayLane;
  ms: number;
}

/** One model's totals over the session. */
export interface ModelUsage {
  model: string;
  requests: number;
  accepted: number;
  tokensIn: number;
  tokensOut: number;
  /** Null without a price. */
  cost: number | null;
}

export interface SessionReport {
  start: number;
  end: number;
  /** Width of a bucket of the per-interval series, ms. */
  bucketMs: number;
  /** Each bucket's start, epoch ms. */
  buckets: number[];
  /** Per lane, per bucket: suggestions shown, and changes accepted. */
  shown: Record<ReplayLane, number[]>;
  accepted: Record<ReplayLane, number[]>;
  /** The lanes that appear in the log at all. */
  lanes: ReplayLane[];
  totals: {
    requests: number;
    shown: number;
    /** Distinct requests accepted (a ghost text accepted word by word is one change). */
    accepted: number;
    rejected: number;
    /** accepted / shown, or null with nothing shown. */
    acceptRate: number | null;
    tokensIn: number;
    tokensOut: number;
    /** Requests whose counts were unknown (not in the token totals). */
    requestsWithoutTokens: number;
    /** Every request's tokens (rejected ones included) over the accepted changes; null with none accepted. */
    tokensPerAccepted: number | null;
    /** Likewise for cost; null when nothing was accepted or any request's model has no price. */
    costPerAccepted: number | null;
    /** The total cost, null when any request's model has no price. */
    cost: number | null;
    /** Models used that have no price in the table. */
    unpricedModels: string[];
  };
  /** From the first event to the first suggestion shown, ms; null when none was. */
  firstSuggestionAfterMs: number | null;
  latencies: SuggestionLatency[];
  /** Median and 90th percentile of the latencies, ms. */
  latency: { median: number; p90: number } | null;
  acceptedChanges: AcceptedChange[];
  models: ModelUsage[];
  /** Per bucket: test runs (mode "tests") that passed / failed, and program runs that ended. */
  testRunsPassed: number[];
  testRunsFailed: number[];
  programRuns: number[];
  /** Per test-run result, the counts at its end: the test suite's progress over the session. */
  testResults: Array<{ at: number; passed: number; failed: number }>;
  runs: { tests: number; passed: number; failed: number; programs: number };
  pastes: number[];
  focusLosses: number[];
  integrity: { pastes: number; pastedChars: number; focusLosses: number; awayMs: number };
  /** Per person: edits, accepted changes, pastes, focus losses. */
  people: Array<{ personId: string; edits: number; aiEdits: number; accepted: number; pastes: number; focusLosses: number; awayMs: number }>;
}

export interface SessionReportOptions {
  prices?: ModelPriceTable;
  /** Bucket width; default: one minute, widened so a long session has at most `maxBuckets`. */
  bucketMs?: number;
  maxBuckets?: number;
}

const MINUTE = 60_000;

function zeros(length: number): number[] {
  return new Array<number>(length).fill(0);
}

function bump(series: number[], index: number): void {
  series[index] = (series[index] ?? 0) + 1;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
}

/**
 * The host's report on a session, from its event log: suggestions shown and accepted per
 * interval and lane, how long suggestions took to appear, tokens and cost per accepted change
 * (cost only for models the host priced), test runs passed and failed over time, pastes and
 * focus losses. Pure: the same log and prices always give the same report.
 */
export function sessionReport(events: readonly RoomEvent[], options: SessionReportOptions = {}): SessionReport {
  const prices = options.prices ?? {};
  const sorted = [...events].sort((a, b) => a.at - b.at || a.seq - b.seq);
  const start = sorted[0]?.at ?? 0;
  const end = sorted.at(-1)?.at ?? start;
  const maxBuckets = options.maxBuckets ?? 120;
  const bucketMs = options.bucketMs ?? Math.max(MINUTE, Math.ceil((end - start + 1) / maxBuckets / MINUTE) * MINUTE);
  const count = Math.max(1, Math.floor((end - start) / bucketMs) + 1);
  const buckets = Array.from({ length: count }, (_, i) => start + i * bucketMs);
  const bucketOf = (at: number): number => Math.min(count - 1, Math.max(0, Math.floor((at - start) / bucketMs)));

  const shown = { fast: zeros(count), 'quick-edit': zeros(count), deep: zeros(count) };
  const accepted = { fast: zeros(count), 'quick-edit': zeros(count), deep: zeros(count) };
  const lanes = new Set<ReplayLane>();
  const requests = new Map<string, { lane: ReplayLane; model: string | null; startedAt: number; tokensIn: number | null; tokensOut: number | null }>();
  const firstShown = new Map<string, { at: number; lane: ReplayLane }>();
  const acceptedAt = new Map<string, { at: number; personId: string; lane: ReplayLane; model: string | null }>();
  let shownTotal = 0;
  let rejected = 0;
  const testRunsPassed = zeros(count);
  const testRunsFailed = zeros(count);
  const programRuns = zeros(count);
  const testResults: SessionReport['testResults'] = [];
  const runs = { tests: 0, passed: 0, failed: 0, programs: 0 };
  const pastes = zeros(count);
  const focusLosses = zeros(count);
  const integrity = { pastes: 0, pastedChars: 0, focusLosses: 0, awayMs: 0 };
  const people = new Map<string, SessionReport['people'][number]>();
  const personOf = (personId: string) => {
    let person = people.get(personId);
    if (!person) people.set(personId, (person = { personId, edits: 0, aiEdits: 0, accepted: 0, pastes: 0, focusLosses: 0, awayMs: 0 }));
    return person;
  };

  for (const event of sorted) {
    const bucket = bucketOf(event.at);
    switch (event.kind) {
      case 'edit': {
        const edit = readPayload('edit', event.payload);
        const person = personOf(event.personId);
        person.edits++;
        if (edit?.ai) person.aiEdits++;
        break;
      }
      case 'ai-request': {
        const request = readPayload('ai-request', event.payload);
        if (!request) break;
        lanes.add(request.lane);
        requests.set(request.requestId, {
          lane: request.lane,
          model: request.model ?? null,
          // Reported when the request ended: it started its duration earlier.
          startedAt: event.at - (request.durationMs ?? 0),
          tokensIn: request.tokensIn ?? null,
          tokensOut: request.tokensOut ?? null,
        });
        break;
      }
      case 'suggestion-shown': {
        const shownEvent = readPayload('suggestion-shown', event.payload);
        if (!shownEvent) break;
        lanes.add(shownEvent.lane);
        bump(shown[shownEvent.lane], bucket);
        shownTotal++;
        if (!firstShown.has(shownEvent.requestId)) firstShown.set(shownEvent.requestId, { at: event.at, lane: shownEvent.lane });
        break;
      }
      case 'suggestion-accepted': {
        const acceptedEvent = readPayload('suggestion-accepted', event.payload);
        if (!acceptedEvent || acceptedAt.has(acceptedEvent.requestId)) break;
        lanes.add(acceptedEvent.lane);
        bump(accepted[acceptedEvent.lane], bucket);
        acceptedAt.set(acceptedEvent.requestId, { at: event.at, personId: event.personId, lane: acceptedEvent.lane, model: acceptedEvent.model ?? null });
        personOf(event.personId).accepted++;
        break;
      }
      case 'suggestion-rejected':
        if (readPayload('suggestion-rejected', event.payload)) rejected++;
        break;
      case 'run-result': {
        const result = readPayload('run-result', event.payload);
        if (!result) break;
        if (result.mode === 'program') {
          runs.programs++;
          bump(programRuns, bucket);
          break;
        }
        runs.tests++;
        const failedTests = result.counts?.failed ?? 0;
        const passedRun = result.status === 'passed' || (result.status === 'ok' && failedTests === 0);
        if (passedRun) {
          runs.passed++;
          bump(testRunsPassed, bucket);
        } else {
          runs.failed++;
          bump(testRunsFailed, bucket);
        }
        if (result.counts) testResults.push({ at: event.at, passed: result.counts.passed ?? 0, failed: failedTests });
        break;
      }
      case 'paste': {
        const paste = readPayload('paste', event.payload);
        bump(pastes, bucket);
        integrity.pastes++;
        integrity.pastedChars += paste?.chars ?? 0;
        personOf(event.personId).pastes++;
        break;
      }
      case 'focus-loss': {
        const loss = readPayload('focus-loss', event.payload);
        bump(focusLosses, bucket);
        integrity.focusLosses++;
        integrity.awayMs += loss?.durationMs ?? 0;
        const person = personOf(event.personId);
        person.focusLosses++;
        person.awayMs += loss?.durationMs ?? 0;
        break;
      }
      default:
        break;
    }
  }

  const latencies: SuggestionLatency[] = [];
  for (const [requestId, first] of firstShown) {
    const request = requests.get(requestId);
    if (request && first.at >= request.startedAt) latencies.push({ at: first.at, lane: first.lane, ms: first.at - request.startedAt });
  }
  latencies.sort((a, b) => a.at - b.at);
  const latencyValues = latencies.map((entry) => entry.ms).sort((a, b) => a - b);
  const firstShownAt = Math.min(...[...firstShown.values()].map((entry) => entry.at));

  const acceptedChanges: AcceptedChange[] = [...acceptedAt].map(([requestId, entry]) => {
    const request = requests.get(requestId);
    const model = request?.model ?? entry.model;
    const tokensIn = request?.tokensIn ?? null;
    const tokensOut = request?.tokensOut ?? null;
    return { at: entry.at, personId: entry.personId, lane: entry.lane, model, requestId, tokensIn, tokensOut, cost: costOf(prices, model, tokensIn, tokensOut) };
  });

  const models = new Map<string, ModelUsage>();
  let tokensIn = 0;
  let tokensOut = 0;
  let requestsWithoutTokens = 0;
  let cost: number | null = 0;
  const unpriced = new Set<string>();
  for (const [requestId, request] of requests) {
    const name = request.model ?? 'unnamed model';
    let usage = models.get(name);
    if (!usage) models.set(name, (usage = { model: name, requests: 0, accepted: 0, tokensIn: 0, tokensOut: 0, cost: 0 }));
    usage.requests++;
    if (acceptedAt.has(requestId)) usage.accepted++;
    if (request.tokensIn == null || request.tokensOut == null) requestsWithoutTokens++;
    usage.tokensIn += request.tokensIn ?? 0;
    usage.tokensOut += request.tokensOut ?? 0;
    tokensIn += request.tokensIn ?? 0;
    tokensOut += request.tokensOut ?? 0;
    const requestCost = costOf(prices, request.model, request.tokensIn ?? 0, request.tokensOut ?? 0);
    if (requestCost === null) {
      unpriced.add(name);
      usage.cost = null;
      cost = null;
    } else {
      if (usage.cost !== null) usage.cost += requestCost;
      if (cost !== null) cost += requestCost;
    }
  }
  const acceptedCount = acceptedAt.size;

  return {
    start,
    end,
    bucketMs,
    buckets,
    shown,
    accepted,
    lanes: REPORT_LANES.filter((lane) => lanes.has(lane)),
    totals: {
      requests: requests.size,
      shown: shownTotal,
      accepted: acceptedCount,
      rejected,
      acceptRate: shownTotal > 0 ? acceptedCount / shownTotal : null,
      tokensIn,
      tokensOut,
      requestsWithoutTokens,
      tokensPerAccepted: acceptedCount > 0 ? (tokensIn + tokensOut) / acceptedCount : null,
      costPerAccepted: acceptedCount > 0 && cost !== null ? cost / acceptedCount : null,
      cost,
      unpricedModels: [...unpriced].sort(),
    },
    firstSuggestionAfterMs: Number.isFinite(firstShownAt) ? firstShownAt - start : null,
    latencies,
    latency: latencyValues.length > 0 ? { median: percentile(latencyValues, 0.5), p90: percentile(latencyValues, 0.9) } : null,
    acceptedChanges,
    models: [...models.values()].sort((a, b) => b.requests - a.requests),
    testRunsPassed,
    testRunsFailed,
    programRuns,
    testResults,
    runs,
    pastes,
    focusLosses,
    integrity,
    people: [...people.values()],
  };
}
