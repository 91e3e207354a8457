/** The id of the bulk bar's form, which the rows' checkboxes belong to (their `form` attribute). */
export const BULK_FORM = 'account-bulk';
