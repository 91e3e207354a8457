import type { ReactNode } from 'react';

/** The centred card of the signed-out pages (sign-in, setup). */
export function AuthCard({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  return (
    <main id="content" className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-md">
        <p className="mb-6 text-center text-lg font-semibold tracking-tight text-indigo-700">mailpanel</p>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
          {intro && <p className="mt-2 text-sm text-slate-600">{intro}</p>}
          <div className="mt-6 space-y-4">{children}</div>
        </div>
      </div>
    </main>
  );
}
