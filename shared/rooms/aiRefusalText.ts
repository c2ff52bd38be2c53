/**
 * What a person is told when the room's AI policy stops a lane for them: the server's refusal and
 * the page's AI status say the same words, so they come from here.
 */
export function aiRefusalText(reason: 'ai-off' | 'deep-lane-off'): string {
  return reason === 'ai-off' ? 'The host has turned AI off for you in this room.' : 'The host has not given you the deep lane in this room.';
}
