import Link from 'next/link';

/** Back to the list of plans. */
export function BackLink({ label }: { label: string }) {
  return (
    <Link
      href="/plans"
      className="inline-flex items-center gap-1 text-sm font-medium text-indigo-700 underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
    >
      <span aria-hidden="true">←</span>
      {label}
    </Link>
  );
}
