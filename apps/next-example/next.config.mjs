/** @type {import('next').NextConfig} */
const nextConfig = {
  // The workspace root, where npm installs every package: Next traces server files from there.
  outputFileTracingRoot: new URL('../..', import.meta.url).pathname,
  turbopack: { root: new URL('../..', import.meta.url).pathname },
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
