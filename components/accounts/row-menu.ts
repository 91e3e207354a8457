/**
 * A row's "More" menu is a popover (the Popover API): its button opens it without JavaScript (popovertarget),
 * Escape or a click elsewhere closes it and focus goes back to the button. It is drawn in the top layer, out
 * of the row's flow, so opening it does not grow the row and the table's sideways scroll box does not clip it;
 * account-rows.css anchors it under its button. Bare elements without classes of their own
 * (account-rows-body.tsx renders them).
 *
 * Deactivate, Reactivate and Delete are links to the account page's confirmation (`?action=…`), which is what
 * they do before the page's JavaScript runs; once it runs, a click asks the list's one dialog
 * (row-action-dialog.tsx) instead, through a window event: the rows carry no dialog and no callback props.
 */
export type RowAction = 'deactivate' | 'reactivate' | 'delete';

export type RowMenuItem = { href: string; label: string; danger?: boolean; action?: RowAction };

/** What a row's menu asks the dialog: the account (its address as shown) and the action. */
export type RowActionRequest = { id: number; address: string; action: RowAction };

const EVENT = 'mailpanel:account-row-action';

/** The id of a row's menu popover; its button names it in popovertarget (the dialog gives focus back to it). */
export const rowMenuId = (id: number) => `row-menu-${id}`;

/** Asks the page's dialog; false when the page has none (the link is then followed). */
export function requestRowAction(request: RowActionRequest): boolean {
  return !window.dispatchEvent(new CustomEvent<RowActionRequest>(EVENT, { detail: request, cancelable: true }));
}

/** Calls `handle` for each row's request; returns the unsubscribe (an effect's cleanup). */
export function onRowActionRequest(handle: (request: RowActionRequest) => void): () => void {
  const listener = (event: Event) => {
    event.preventDefault();
    handle((event as CustomEvent<RowActionRequest>).detail);
  };
  window.addEventListener(EVENT, listener);
  return () => window.removeEventListener(EVENT, listener);
}
