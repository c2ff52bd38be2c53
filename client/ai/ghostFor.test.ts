import { describe, expect, it } from 'vitest';
import { ghostFor } from './ghostFor.ts';

describe('ghostFor', () => {
  const ghost = { requestId: 'p-f1', path: 'src/main.ts', at: 10, text: 'return 1;' };

  it('shows the ghost only in its file, at its offset', () => {
    expect(ghostFor(ghost, 'src/main.ts', 10)).toBe(ghost);
    expect(ghostFor(ghost, 'src/other.ts', 10)).toBeNull();
    expect(ghostFor(ghost, 'src/main.ts', 11)).toBeNull();
    expect(ghostFor(ghost, undefined, 10)).toBeNull();
  });

  it('shows nothing without a ghost or with an empty one', () => {
    expect(ghostFor(null, 'src/main.ts', 10)).toBeNull();
    expect(ghostFor({ ...ghost, text: '' }, 'src/main.ts', 10)).toBeNull();
  });
});
