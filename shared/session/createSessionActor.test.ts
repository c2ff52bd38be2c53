import { SimulatedClock, type InspectionEvent } from 'xstate';
import { describe, expect, it } from 'vitest';
import { createSessionActor } from './createSessionActor.ts';
import { RecordingServices } from './testing/RecordingServices.ts';

describe('createSessionActor', () => {
  it('passes an inspection observer on to the actor', () => {
    const seen: InspectionEvent[] = [];
    const actor = createSessionActor({ clock: new SimulatedClock(), services: new RecordingServices(), inspect: (event) => seen.push(event) }).start();
    actor.send({ type: 'run.start', kind: 'tests' });
    expect(seen.some((e) => e.type === '@xstate.event' && e.event.type === 'run.start')).toBe(true);
    expect(seen.some((e) => e.type === '@xstate.snapshot')).toBe(true);
    actor.stop();
  });
});
