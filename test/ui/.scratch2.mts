import { launchWorkbench } from './support/workbench.ts';
import { ProfileView } from './profileView.ts';
const wb = await launchWorkbench();
try {
  const view = new ProfileView(wb);
  wb.page.on('console', (m) => { if (/pprof|state|error/i.test(m.text())) console.log('[console]', m.text().slice(0, 200)); });
  await view.open('profiles/cpu.pb.gz');
  console.log(await view.search('sort\\.'));
  await wb.openFile('go.mod');
  await view.open('profiles/cpu.pb.gz');
  console.log('value after', await view.frame.locator('#flame-search input').inputValue(), await view.frame.locator('#search-info').textContent());
  console.log('host value prop', await view.frame.locator('#flame-search').evaluate((e: any) => [e.value, e.getAttribute('value'), e.getAttribute('current-value')]));
  await view.setGranularity('lines').catch((e) => console.log('granularity failed', e.message.slice(0, 100)));
  await wb.screenshot('scratch2');
} finally {
  await wb.close();
}
