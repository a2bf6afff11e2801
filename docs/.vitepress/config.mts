import { defineConfig } from 'vitepress';

export default defineConfig({
  title: 'podnet',
  description: "A Kubernetes cluster's network as typed pure functions",
  cleanUrls: false,
  // links into packages/ and the API reference (built separately by `pnpm docs`) leave the site
  ignoreDeadLinks: true,
  srcExclude: ['api/**', 'README.md', 'node_modules/**'],
  // markdown-it-attrs would read nft's `{ … }` set syntax in code output as attributes
  markdown: { attrs: { disable: true } },
  themeConfig: {
    nav: [
      { text: 'Guides', link: '/guides/cni' },
      { text: 'Example cluster', link: '/example' },
      { text: 'Benchmarks', link: '/benchmarks' },
    ],
    sidebar: [
      {
        text: 'Guides',
        items: [
          { text: 'CNI', link: '/guides/cni' },
          { text: 'Pod networking', link: '/guides/pod-networking' },
          { text: 'Service networking', link: '/guides/service-networking' },
          { text: 'DNS', link: '/guides/dns' },
          { text: 'The example cluster', link: '/example' },
        ],
      },
      {
        text: 'Packages',
        items: [
          { text: '@podnet/ip', link: '/ip' },
          { text: '@podnet/cni', link: '/cni' },
          { text: '@podnet/routes', link: '/routes' },
          { text: '@podnet/proxy', link: '/proxy' },
          { text: 'proxy modes', link: '/proxy-modes' },
          { text: '@podnet/dns', link: '/dns' },
          { text: '@podnet/cluster', link: '/cluster' },
          { text: 'podnet (CLI)', link: '/cli' },
        ],
      },
      {
        text: 'Project',
        items: [
          { text: 'Architecture', link: '/architecture' },
          { text: 'Contributing', link: '/contributing' },
          { text: 'Releasing', link: '/releasing' },
          { text: 'Benchmarks', link: '/benchmarks' },
        ],
      },
    ],
  },
});
