import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import uPlot from 'uplot';
import type { ReplayTimeline } from '../../shared/rooms/replay/ReplayTimeline.ts';
import type { ModelPriceTable } from '../../shared/rooms/replay/modelPrices.ts';
import type { ReplayLane } from '../../shared/rooms/replay/replayPayloads.ts';
import { sessionReport, type SessionReport } from '../../shared/rooms/replay/sessionReport.ts';
import type { RoomLog } from './fetchRoomLog.ts';
import { clock } from './describeEvent.ts';
import { modelPriceStorage } from './modelPriceStorage.ts';
import { UPlotChart, darkAxis } from './UPlotChart.tsx';

export interface ReportViewProps {
  log: RoomLog;
  timeline: ReplayTimeline;
}

const LANE_COLOURS: Record<ReplayLane, string> = { fast: '#8fb3ff', 'quick-edit': '#b494ff', deep: '#e8b65a' };
const OK = '#5fd68a';
const FAIL = '#ff7070';
const WARN = '#e8b65a';
const MUTED = '#a3acc4';

/**
 * Every chart's x axis is minutes into the session (what a host means by "at minute 12"), over
 * the whole session even when events cluster, so the charts line up one above the other.
 */
function minutesScale(report: SessionReport): { x: uPlot.Scale; axis: uPlot.Axis; at: (epochMs: number) => number; bucket: (index: number) => number } {
  const bucketMinutes = report.bucketMs / 60_000;
  const span = Math.max(bucketMinutes, (report.buckets.length * report.bucketMs) / 60_000);
  return {
    x: { time: false, range: [0, span] },
    axis: darkAxis({ label: 'minutes into the session', labelSize: 18, values: (_u, splits) => splits.map((value) => (Number.isInteger(value) ? String(value) : value.toFixed(1))) }),
    at: (epochMs) => (epochMs - report.start) / 60_000,
    // Bars and steps sit in the middle of their interval.
    bucket: (index) => (index + 0.5) * bucketMinutes,
  };
}
const UNKNOWN = '—';

function money(value: number | null): string {
  if (value === null) return UNKNOWN;
  return value >= 0.1 ? `$${value.toFixed(2)}` : value > 0 ? `$${value.toFixed(4)}` : '$0';
}

function whole(value: number | null, digits = 0): string {
  return value === null ? UNKNOWN : value.toLocaleString('en', { maximumFractionDigits: digits });
}

function duration(ms: number | null): string {
  if (ms === null) return UNKNOWN;
  return ms < 1000 ? `${Math.round(ms)} ms` : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : clock(ms);
}

/** A y axis of counts: whole numbers only. */
function countAxis(label: string): uPlot.Axis {
  return darkAxis({ label, size: 50, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000], values: (_u, splits) => splits.map((value) => String(Math.round(value))) });
}

const cursor: uPlot.Cursor = { drag: { x: false, y: false }, points: { size: 6 } };
const legend: uPlot.Legend = { live: false };

/** Series per lane: suggestions shown (dashed) and changes accepted (solid, filled). */
function suggestionsChart(report: SessionReport): { options: Omit<uPlot.Options, 'width' | 'height'>; data: uPlot.AlignedData } {
  const minutes = minutesScale(report);
  const series: uPlot.Series[] = [{ label: 'minute' }];
  const data: Array<number[]> = [report.buckets.map((_start, index) => minutes.bucket(index))];
  // One lane: shown and accepted as bars side by side. Several: a stepped line per lane and kind (bars would overlap).
  const single = report.lanes.length === 1;
  for (const lane of report.lanes) {
    const colour = LANE_COLOURS[lane];
    const shownPaths = single ? uPlot.paths.bars?.({ size: [0.4, 24], align: -1 }) : uPlot.paths.stepped?.({ align: 1 });
    const acceptedPaths = single ? uPlot.paths.bars?.({ size: [0.4, 24], align: 1 }) : uPlot.paths.stepped?.({ align: 1 });
    series.push({ label: `shown · ${lane}`, stroke: colour, fill: `${colour}2e`, width: single ? 1 : 1.5, ...(single ? {} : { dash: [4, 4] }), paths: shownPaths, points: { show: false } });
    data.push(report.shown[lane]);
    series.push({ label: `accepted · ${lane}`, stroke: colour, fill: single ? `${colour}cc` : `${colour}33`, width: single ? 1 : 2, paths: acceptedPaths, points: { show: false } });
    data.push(report.accepted[lane]);
  }
  return {
    options: { series, axes: [minutes.axis, countAxis(`per ${report.bucketMs / 60_000} min`)], scales: { x: minutes.x, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } }, cursor, legend },
    data: data as uPlot.AlignedData,
  };
}

function latencyChart(report: SessionReport): { options: Omit<uPlot.Options, 'width' | 'height'>; data: uPlot.AlignedData } {
  const minutes = minutesScale(report);
  const xs = [...new Set(report.latencies.map((entry) => minutes.at(entry.at)))].sort((a, b) => a - b);
  const series: uPlot.Series[] = [{ label: 'minute' }];
  const data: Array<Array<number | null>> = [xs];
  for (const lane of report.lanes) {
    const byTime = new Map(report.latencies.filter((entry) => entry.lane === lane).map((entry) => [minutes.at(entry.at), entry.ms / 1000]));
    if (byTime.size === 0) continue;
    series.push({ label: lane, stroke: LANE_COLOURS[lane], fill: LANE_COLOURS[lane], width: 0, paths: () => null, points: { show: true, size: 7, fill: LANE_COLOURS[lane] } });
    data.push(xs.map((x) => byTime.get(x) ?? null));
  }
  return { options: { series, axes: [minutes.axis, darkAxis({ label: 'seconds', size: 50 })], scales: { x: minutes.x, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.15)] } }, cursor, legend }, data: data as uPlot.AlignedData };
}

function tokensChart(report: SessionReport): { options: Omit<uPlot.Options, 'width' | 'height'>; data: uPlot.AlignedData } {
  const minutes = minutesScale(report);
  const changes = report.acceptedChanges;
  const series: uPlot.Series[] = [{ label: 'minute' }];
  const data: Array<Array<number | null>> = [changes.map((change) => minutes.at(change.at))];
  // One bar series per lane, in the lane's colour.
  for (const lane of report.lanes.filter((name) => changes.some((change) => change.lane === name))) {
    series.push({ label: `tokens · ${lane}`, stroke: LANE_COLOURS[lane], fill: `${LANE_COLOURS[lane]}99`, width: 1, paths: uPlot.paths.bars?.({ size: [0.5, 24, 6] }), points: { show: false } });
    data.push(changes.map((change) => (change.lane === lane ? (change.tokensIn ?? 0) + (change.tokensOut ?? 0) : null)));
  }
  const axes = [minutes.axis, darkAxis({ label: 'tokens', size: 56, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000] })];
  const scales: uPlot.Scales = { x: minutes.x, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } };
  if (changes.some((change) => change.cost !== null)) {
    series.push({ label: 'cost ($)', stroke: OK, width: 2, scale: 'usd', points: { show: true, size: 6 } });
    data.push(changes.map((change) => change.cost));
    axes.push(darkAxis({ scale: 'usd', side: 1, grid: { show: false }, label: 'US$', size: 64, values: (_u, splits) => splits.map((value) => `$${value.toPrecision(2)}`) }));
    scales.usd = { range: (_u, _min, max) => [0, Math.max(0.0001, max * 1.1)] };
  }
  return { options: { series, axes, scales, cursor, legend }, data: data as uPlot.AlignedData };
}

function runsChart(report: SessionReport): { options: Omit<uPlot.Options, 'width' | 'height'>; data: uPlot.AlignedData } {
  const minutes = minutesScale(report);
  return {
    options: {
      series: [
        { label: 'minute' },
        { label: 'test runs passed', stroke: OK, fill: 'rgba(95, 214, 138, 0.7)', width: 0, paths: uPlot.paths.bars?.({ size: [0.4, 18], align: -1 }), points: { show: false } },
        { label: 'test runs failed', stroke: FAIL, fill: 'rgba(255, 112, 112, 0.7)', width: 0, paths: uPlot.paths.bars?.({ size: [0.4, 18], align: 1 }), points: { show: false } },
      ],
      axes: [minutes.axis, countAxis(`per ${report.bucketMs / 60_000} min`)],
      scales: { x: minutes.x, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      cursor,
      legend,
    },
    data: [report.buckets.map((_start, index) => minutes.bucket(index)), report.testRunsPassed, report.testRunsFailed],
  };
}

function signalsChart(report: SessionReport): { options: Omit<uPlot.Options, 'width' | 'height'>; data: uPlot.AlignedData } {
  const minutes = minutesScale(report);
  return {
    options: {
      series: [
        { label: 'minute' },
        { label: 'pastes', stroke: WARN, fill: 'rgba(232, 182, 90, 0.7)', width: 0, paths: uPlot.paths.bars?.({ size: [0.4, 18], align: -1 }), points: { show: false } },
        { label: 'focus losses', stroke: MUTED, fill: 'rgba(163, 172, 196, 0.55)', width: 0, paths: uPlot.paths.bars?.({ size: [0.4, 18], align: 1 }), points: { show: false } },
      ],
      axes: [minutes.axis, countAxis(`per ${report.bucketMs / 60_000} min`)],
      scales: { x: minutes.x, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      cursor,
      legend,
    },
    data: [report.buckets.map((_start, index) => minutes.bucket(index)), report.pastes, report.focusLosses],
  };
}

function ChartCard({ title, note, empty, chart, testId }: { title: string; note?: string; empty: string | undefined; chart: () => { options: Omit<uPlot.Options, 'width' | 'height'>; data: uPlot.AlignedData }; testId: string }): JSX.Element {
  const built = useMemo(() => (empty ? undefined : chart()), [empty, chart]);
  return (
    <section class="report-card" data-testid={testId}>
      <h3>{title}</h3>
      {note && <p class="report-note">{note}</p>}
      {built ? <UPlotChart options={built.options} data={built.data} testId={`${testId}-chart`} /> : <p class="report-empty">{empty}</p>}
    </section>
  );
}

/**
 * The host's report on the session: a summary table and charts (uPlot, loaded with this tab only)
 * of suggestions shown and accepted, time to a suggestion, tokens and cost per accepted change,
 * test runs, pastes and focus losses; per person and per model. Cost needs the host's prices per
 * model, kept in this browser; without one a cost is "—", never an estimate.
 */
export function ReportView({ log, timeline }: ReportViewProps): JSX.Element {
  const [prices, setPrices] = useState<ModelPriceTable>(() => modelPriceStorage.read(localStorage));
  const report = useMemo(() => sessionReport(log.events, { prices }), [log, prices]);
  // What the host typed, per model: a price counts only once both fields hold a number, so half a price never gives a cost.
  const [drafts, setDrafts] = useState<Record<string, { input: string; output: string }>>(() =>
    Object.fromEntries(Object.entries(prices).map(([model, price]) => [model, { input: String(price.inputPerMillion), output: String(price.outputPerMillion) }])),
  );
  const setPrice = (model: string, field: 'input' | 'output', text: string): void => {
    const draft = { ...(drafts[model] ?? { input: '', output: '' }), [field]: text };
    setDrafts({ ...drafts, [model]: draft });
    const next = { ...prices };
    const input = draft.input.trim() === '' ? Number.NaN : Number(draft.input);
    const output = draft.output.trim() === '' ? Number.NaN : Number(draft.output);
    if (input >= 0 && output >= 0 && Number.isFinite(input) && Number.isFinite(output)) next[model] = { inputPerMillion: input, outputPerMillion: output };
    else delete next[model];
    modelPriceStorage.write(localStorage, next);
    setPrices(next);
  };

  const { totals } = report;
  const suggestions = useMemo(() => () => suggestionsChart(report), [report]);
  const latency = useMemo(() => () => latencyChart(report), [report]);
  const tokens = useMemo(() => () => tokensChart(report), [report]);
  const runs = useMemo(() => () => runsChart(report), [report]);
  const signals = useMemo(() => () => signalsChart(report), [report]);
  const priceNote = totals.unpricedModels.length > 0 ? `No price set for ${totals.unpricedModels.join(', ')}: cost shows "—" until you set one below.` : undefined;

  const rows: Array<[string, string, string?]> = [
    ['Session length', clock(timeline.durationMs)],
    ['People', String(timeline.people.size)],
    ['Suggestions shown', whole(totals.shown)],
    ['Changes accepted', whole(totals.accepted), totals.acceptRate === null ? undefined : `${Math.round(totals.acceptRate * 100)}% of shown`],
    ['Suggestions rejected', whole(totals.rejected)],
    ['First suggestion', report.firstSuggestionAfterMs === null ? UNKNOWN : `${duration(report.firstSuggestionAfterMs)} into the session`],
    ['Time to a suggestion', report.latency ? `median ${duration(report.latency.median)}` : UNKNOWN, report.latency ? `90% within ${duration(report.latency.p90)}` : 'from request to shown'],
    ['AI requests', whole(totals.requests), totals.requestsWithoutTokens > 0 ? `${totals.requestsWithoutTokens} without token counts` : undefined],
    ['Tokens (in → out)', `${whole(totals.tokensIn)} → ${whole(totals.tokensOut)}`],
    ['Tokens per accepted change', whole(totals.tokensPerAccepted), 'every request, rejected ones included'],
    ['Cost per accepted change', money(totals.costPerAccepted), priceNote ? 'needs a price for every model used' : undefined],
    ['Total cost', money(totals.cost)],
    ['Test runs', `${report.runs.passed} passed · ${report.runs.failed} failed`, `${report.runs.programs} program runs`],
    ['Pastes', whole(report.integrity.pastes), `${whole(report.integrity.pastedChars)} characters`],
    ['Focus losses', whole(report.integrity.focusLosses), `${duration(report.integrity.awayMs)} away`],
  ];

  return (
    <div class="report" data-testid="report">
      <div class="report-top">
        <section class="report-card report-summary-card">
          <h3>Summary</h3>
          <table class="report-summary" data-testid="report-summary">
            <tbody>
              {rows.map(([label, value, note]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td>{value}</td>
                  <td class="report-muted">{note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <div class="report-grid">
          <ChartCard title="Suggestions shown and accepted" testId="chart-suggestions" empty={totals.shown + totals.accepted === 0 ? 'No AI suggestions in this session.' : undefined} chart={suggestions} />
          <ChartCard title="Time to a suggestion" note="From the request's start to its first suggestion shown." testId="chart-latency" empty={report.latencies.length === 0 ? 'No suggestion with a matching request.' : undefined} chart={latency} />
          <ChartCard title="Tokens and cost per accepted change" {...(priceNote ? { note: priceNote } : {})} testId="chart-tokens" empty={report.acceptedChanges.length === 0 ? 'No accepted changes.' : undefined} chart={tokens} />
          <ChartCard title="Test runs" testId="chart-runs" empty={report.runs.tests === 0 ? 'No test runs in this session.' : undefined} chart={runs} />
          <ChartCard title="Pastes and focus losses" testId="chart-signals" empty={report.integrity.pastes + report.integrity.focusLosses === 0 ? 'No pastes or focus losses.' : undefined} chart={signals} />
        </div>
      </div>
      <div class="report-tables">
        <section class="report-card">
          <h3>People</h3>
          <table class="report-table" data-testid="report-people">
            <thead>
              <tr>
                <th>Person</th>
                <th>Edits</th>
                <th>AI edits</th>
                <th>Accepted</th>
                <th>Pastes</th>
                <th>Focus losses</th>
                <th>Away</th>
              </tr>
            </thead>
            <tbody>
              {report.people.map((person) => (
                <tr key={person.personId}>
                  <td>{timeline.person(person.personId).name}</td>
                  <td>{person.edits}</td>
                  <td>{person.aiEdits}</td>
                  <td>{person.accepted}</td>
                  <td>{person.pastes}</td>
                  <td>{person.focusLosses}</td>
                  <td>{duration(person.awayMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section class="report-card">
          <h3>Models and prices</h3>
          <p class="report-note">Prices are yours to set (US$ per million tokens), kept in this browser only. Pairlane knows no prices: a model without one has an unknown cost, shown as "—".</p>
          <table class="report-table" data-testid="report-models">
            <thead>
              <tr>
                <th>Model</th>
                <th>Requests</th>
                <th>Accepted</th>
                <th>Tokens in → out</th>
                <th>$ / M in</th>
                <th>$ / M out</th>
                <th>Cost</th>
              </tr>
            </thead>
            <tbody>
              {report.models.map((model) => (
                <tr key={model.model}>
                  <td>
                    <code>{model.model}</code>
                  </td>
                  <td>{model.requests}</td>
                  <td>{model.accepted}</td>
                  <td>
                    {whole(model.tokensIn)} → {whole(model.tokensOut)}
                  </td>
                  <td>
                    <input class="report-price" type="number" min="0" step="any" aria-label={`Input price of ${model.model}`} value={drafts[model.model]?.input ?? ''} onInput={(event) => setPrice(model.model, 'input', (event.currentTarget as HTMLInputElement).value)} />
                  </td>
                  <td>
                    <input class="report-price" type="number" min="0" step="any" aria-label={`Output price of ${model.model}`} value={drafts[model.model]?.output ?? ''} onInput={(event) => setPrice(model.model, 'output', (event.currentTarget as HTMLInputElement).value)} />
                  </td>
                  <td>{money(model.cost)}</td>
                </tr>
              ))}
              {report.models.length === 0 && (
                <tr>
                  <td colSpan={7} class="report-muted">
                    No AI requests in this session.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </section>
      </div>
    </div>
  );
}
