// `locales/*.yml?ui`: the `ui:` tree of a locale file, turned into JSON at build time
// (scripts/locale-plugin.ts).
declare module '*.yml?ui' {
  type Tree = { [key: string]: string | Tree };
  const tree: Tree;
  export default tree;
}
