import { describe, expect, it } from 'vitest';
import { StopSequenceCutter } from './StopSequenceCutter.ts';

function run(stops: string[], deltas: string[]): { shown: string; stopped: boolean } {
  const cutter = new StopSequenceCutter(stops);
  let shown = '';
  for (const delta of deltas) {
    const { text, stopped } = cutter.push(delta);
    shown += text;
    if (stopped) return { shown, stopped };
  }
  return { shown: shown + cutter.flush(), stopped: false };
}

describe('StopSequenceCutter', () => {
  it('passes text through without stop sequences', () => {
    expect(run([], ['a', 'b'])).toEqual({ shown: 'ab', stopped: false });
  });

  it('cuts at a stop sequence inside one delta', () => {
    expect(run(['\n\n'], ['one\n\ntwo'])).toEqual({ shown: 'one', stopped: true });
  });

  it('cuts at a stop sequence split across deltas, holding back its start meanwhile', () => {
    const cutter = new StopSequenceCutter(['</code>']);
    expect(cutter.push('x = 1</')).toEqual({ text: 'x = 1', stopped: false });
    expect(cutter.push('co')).toEqual({ text: '', stopped: false });
    expect(cutter.push('de> rest')).toEqual({ text: '', stopped: true });
  });

  it('lets held-back text go once it turns out not to be a stop sequence, and at the end', () => {
    expect(run(['END'], ['a E', 'nd E'])).toEqual({ shown: 'a End E', stopped: false });
  });

  it('cuts at the earliest of several stop sequences', () => {
    expect(run(['bb', 'a'], ['xxbba'])).toEqual({ shown: 'xx', stopped: true });
  });
});
