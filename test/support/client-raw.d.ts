// Vite's ?raw import: the staleness check reads the generated client files as text.
declare module '*.json?raw' {
  const text: string
  export default text
}
declare module '*.d.ts?raw' {
  const text: string
  export default text
}
