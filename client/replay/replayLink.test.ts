import { describe, expect, it } from 'vitest';
import { readReplayLink, replayLink } from './replayLink.ts';

describe('replayLink', () => {
  it('puts the token in the fragment and reads both back', () => {
    const link = replayLink({ roomId: 'abc_D-9', token: 'v1.x.y' });
    expect(link).toBe('/?room=abc_D-9&view=replay#token=v1.x.y');
    const url = new URL(link, 'http://localhost');
    expect(readReplayLink({ search: url.search, hash: url.hash })).toEqual({ roomId: 'abc_D-9', token: 'v1.x.y' });
  });

  it('is not a replay without view=replay or a room, and has an empty token without one', () => {
    expect(readReplayLink({ search: '?room=abc', hash: '#token=t' })).toBeUndefined();
    expect(readReplayLink({ search: '?view=replay', hash: '#token=t' })).toBeUndefined();
    expect(readReplayLink({ search: '?room=abc&view=replay', hash: '' })).toEqual({ roomId: 'abc', token: '' });
  });
});
