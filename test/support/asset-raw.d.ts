// Vite's ?raw import: the docs tests read the Worker's static assets as text.
declare module '*.html?raw' {
  const text: string
  export default text
}
declare module '*.js?raw' {
  const text: string
  export default text
}
