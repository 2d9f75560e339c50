import { chromium } from 'playwright-core';
const base = process.argv[2];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
for (const width of [1200, 1280, 390]) {
  const ctx = await browser.newContext({ viewport: { width, height: 800 } });
  const page = await ctx.newPage();
  await page.goto(base);
  await page.getByRole('textbox', { name: 'Name' }).fill('Look' + width);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('textbox', { name: 'Message' }).fill('What does the Team plan cost per seat and what does it include?');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.waitForFunction(() => document.querySelector('[data-item-type="assistant_message"]')?.getAttribute('aria-busy') === 'false', null, {timeout: 30000});
  await page.waitForTimeout(500);
  await page.screenshot({ path: `/tmp/shots/before-${width}.png` });
  await ctx.close();
}
await browser.close();
