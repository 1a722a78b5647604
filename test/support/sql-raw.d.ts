// Vite's ?raw import: the seed tests load the demo SQL files as text.
declare module '*.sql?raw' {
  const text: string
  export default text
}
