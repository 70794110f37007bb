/** Solid tag colours with white text, each passing WCAG AA contrast (as the registry's). */
export const TAG = {
  red: '#cf1322',
  orange: '#ad4e00',
  green: '#237804',
  blue: '#0958d9',
} as const;
