import type { JSX } from 'preact';

/** Stroke icons on a 16×16 grid, drawn for this app (no icon font, nothing fetched). */
const paths = {
  play: 'M5 3.5v9l7-4.5z',
  flask: 'M6 2h4M6.5 2v4L3 12.5A1 1 0 0 0 3.9 14h8.2a1 1 0 0 0 .9-1.5L9.5 6V2M4.6 10h6.8',
  stop: 'M4.5 4.5h7v7h-7z',
  file: 'M4 1.8h5l3 3v9.4H4zM9 1.8v3h3',
  folder: 'M1.8 4.2a1 1 0 0 1 1-1h3.4l1.4 1.6h5.6a1 1 0 0 1 1 1v6.4a1 1 0 0 1-1 1H2.8a1 1 0 0 1-1-1z',
  folderOpen: 'M1.8 12.2V4.2a1 1 0 0 1 1-1h3.4l1.4 1.6h4.6a1 1 0 0 1 1 1v1.4M1.8 12.2l2-5a1 1 0 0 1 .9-.6h9a.6.6 0 0 1 .6.8l-1.8 4.8a1 1 0 0 1-.9.6H2.3',
  chevronRight: 'M6 4l4 4-4 4',
  chevronDown: 'M4 6l4 4 4-4',
  plus: 'M8 3v10M3 8h10',
  filePlus: 'M9 14.2H4V1.8h5l3 3v3.7M9 1.8v3h3M12 10.5v4M10 12.5h4',
  folderPlus: 'M8 12.8H2.8a1 1 0 0 1-1-1V4.2a1 1 0 0 1 1-1h3.4l1.4 1.6h5.6a1 1 0 0 1 1 1v2.4M12 9.5v4.5M9.8 11.8h4.4',
  pencil: 'M10.5 2.5l3 3L6 13H3v-3zM9 4l3 3',
  trash: 'M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.5h6.6L12 4M6.8 6.5v4.5M9.2 6.5v4.5',
  close: 'M4 4l8 8M12 4l-8 8',
  check: 'M3 8.5l3.2 3L13 4.5',
  cross: 'M4.5 4.5l7 7M11.5 4.5l-7 7',
  skip: 'M4 8h8',
  todo: 'M8 4.5v4l2.5 1.5M8 14A6 6 0 1 0 8 2a6 6 0 0 0 0 12z',
  clock: 'M8 4.5V8l2.5 1.5M8 14A6 6 0 1 0 8 2a6 6 0 0 0 0 12z',
  alert: 'M8 5.5v3.5M8 11.2v.1M7.1 2.2L1.3 12.4A1 1 0 0 0 2.2 14h11.6a1 1 0 0 0 .9-1.6L8.9 2.2a1 1 0 0 0-1.8 0z',
  terminal: 'M2 3h12v10H2zM4.5 6l2 2-2 2M8 10.5h3.5',
  spark: 'M8 1.5l1.6 4.9 4.9 1.6-4.9 1.6L8 14.5l-1.6-4.9L1.5 8l4.9-1.6z',
  sparkles: 'M6.5 2l1.2 3.3L11 6.5 7.7 7.7 6.5 11 5.3 7.7 2 6.5l3.3-1.2zM12 9.5l.6 1.4 1.4.6-1.4.6L12 13.5l-.6-1.4-1.4-.6 1.4-.6z',
  chip: 'M4 4h8v8H4zM6 1.5V4M10 1.5V4M6 12v2.5M10 12v2.5M1.5 6H4M1.5 10H4M12 6h2.5M12 10h2.5',
  cloud: 'M4.5 12.5h7a3 3 0 0 0 .4-6A4 4 0 0 0 4.2 7a2.8 2.8 0 0 0 .3 5.5z',
  dot: 'M8 10a2 2 0 1 0 0-4 2 2 0 0 0 0 4z',
  clear: 'M3 3l10 10M8 2a6 6 0 1 0 0 12A6 6 0 0 0 8 2z',
  arrowDown: 'M8 3v10M4 9l4 4 4-4',
  link: 'M6.5 9.5l3-3M7 4.5l1-1a2.5 2.5 0 0 1 3.5 3.5l-1 1M9 11.5l-1 1A2.5 2.5 0 0 1 4.5 9l1-1',
  layout: 'M2 3h12v10H2zM10 3v10',
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name, size = 16, class: className, title }: { name: IconName; size?: number; class?: string; title?: string }): JSX.Element {
  const filled = name === 'play' || name === 'stop' || name === 'dot';
  return (
    <svg
      class={`icon${className ? ` ${className}` : ''}`}
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill={filled ? 'currentColor' : 'none'}
      stroke="currentColor"
      stroke-width={filled ? 1 : 1.4}
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden={title ? undefined : 'true'}
      role={title ? 'img' : undefined}
    >
      {title ? <title>{title}</title> : null}
      <path d={paths[name]} />
    </svg>
  );
}
