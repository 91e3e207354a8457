/**
 * A row's "More" menu is a disclosure: a native <details>, so it opens with Enter or Space from the
 * keyboard, needs no JavaScript, and reads as "collapsed / expanded" to screen readers; its links follow
 * in tab order. It opens in place (the table scrolls sideways on narrow screens, which would clip a
 * floating menu). Bare elements without classes of their own (account-rows-body.tsx renders them), styled by
 * account-rows.css.
 */
export type RowMenuItem = { href: string; label: string; danger?: boolean };
