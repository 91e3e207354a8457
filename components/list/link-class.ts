/** A text link in a list or next to one (a row's target, a page's reference link). */
export const linkClass = 'font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600';
