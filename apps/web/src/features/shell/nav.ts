/** Every page the product has, in sidebar order. The router builds its routes from this list. */
export interface NavItem {
  path: string;
  label: string;
}

export interface NavSection {
  title: string;
  items: NavItem[];
}

export const navSections: NavSection[] = [
  { title: 'Overview', items: [{ path: '/', label: 'Dashboard' }] },
  {
    title: 'Gateway',
    items: [
      { path: '/sources', label: 'Service Sources' },
      { path: '/services', label: 'Services' },
      { path: '/routes', label: 'Routes' },
      { path: '/domains', label: 'Domains' },
      { path: '/certificates', label: 'Certificates' },
      { path: '/local-models', label: 'Local Models' },
    ],
  },
  {
    title: 'Access',
    items: [
      { path: '/keys', label: 'API Keys' },
      { path: '/namespaces', label: 'Namespaces & Policies' },
    ],
  },
  {
    title: 'Observe',
    items: [
      { path: '/usage', label: 'Usage' },
      { path: '/playground', label: 'Playground' },
    ],
  },
  {
    title: 'Administration',
    items: [
      { path: '/users', label: 'Users' },
      { path: '/audit', label: 'Audit Log' },
      { path: '/settings', label: 'Settings' },
    ],
  },
];

export const navItems: NavItem[] = navSections.flatMap((section) => section.items);
