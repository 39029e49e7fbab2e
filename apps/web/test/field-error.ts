import type { Locator } from 'playwright-core';

/** The error shown under a form control (what its aria-describedby points at while it is invalid), or null. */
export async function errorOf(control: Locator): Promise<string | null> {
  if ((await control.getAttribute('aria-invalid')) !== 'true') return null;
  const id = await control.getAttribute('aria-describedby');
  return control.page().locator(`[id="${id}"]`).innerText();
}
