'use client';

import { useCallback, type ChangeEvent, type Ref } from 'react';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** Controls already looked at: only the first attach (hydration) can find something typed before it. */
const seen = new WeakSet<Element>();

/** What the person changed in the server-rendered control before React ran, or null. */
function typedBeforeHydration(el: Control): string | boolean | string[] | null {
  if (el instanceof HTMLInputElement) {
    if (el.type === 'checkbox' || el.type === 'radio') return el.checked !== el.defaultChecked ? el.checked : null;
    return el.value !== el.defaultValue ? el.value : null;
  }
  if (el instanceof HTMLSelectElement) {
    const options = Array.from(el.options);
    return options.some((o) => o.selected !== o.defaultSelected) ? options.filter((o) => o.selected).map((o) => o.value) : null;
  }
  return el.value !== el.defaultValue ? el.value : null;
}

/** Passes the element on to the ref it was given (the form library's, a caller's), with its cleanup. */
function attach<E>(ref: Ref<E> | undefined, el: E | null): (() => void) | undefined {
  if (typeof ref === 'function') {
    const cleanup = ref(el);
    return typeof cleanup === 'function' ? cleanup : undefined;
  }
  if (ref) ref.current = el;
  return undefined;
}

function put(el: Control, typed: string | boolean | string[]) {
  if (typeof typed === 'boolean') (el as HTMLInputElement).checked = typed;
  else if (Array.isArray(typed) && el instanceof HTMLSelectElement) for (const o of Array.from(el.options)) o.selected = typed.includes(o.value);
  else el.value = String(typed);
}

/**
 * The fields are usable before the page's JavaScript arrives (issue 23, 15). The form library then sets
 * each field to its starting value when it registers it, which would wipe what a person on a slow phone
 * already typed: this ref notes the typed value first, lets the library register, then puts it back and
 * tells the library through the field's own onChange.
 */
export function useKeepTyped<E extends Control>(ref: Ref<E> | undefined, onChange: ((event: ChangeEvent<E>) => unknown) | undefined) {
  return useCallback(
    (el: E | null) => {
      const typed = el && !seen.has(el) ? typedBeforeHydration(el) : null;
      if (el) seen.add(el);
      const cleanup = attach(ref, el);
      if (el && typed !== null) {
        put(el, typed);
        onChange?.({ target: el, currentTarget: el, type: 'change' } as unknown as ChangeEvent<E>);
      }
      return cleanup;
    },
    [ref, onChange],
  );
}
