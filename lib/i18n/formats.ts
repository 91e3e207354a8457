import type { Formats } from 'next-intl';

/**
 * Shared by the server's translators and the browser's provider. `{n, number, grouped}` groups thousands
 * from four digits on in every language ("5,000", "5.000"), where Italian's default would print "5000".
 */
export const formats = {
  number: { grouped: { useGrouping: 'always', maximumFractionDigits: 0 } },
} satisfies Formats;
