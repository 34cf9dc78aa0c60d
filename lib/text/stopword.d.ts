// The stopword package ships no types; only the lists crossread uses are declared.
declare module 'stopword' {
  export const deu: string[];
  export const eng: string[];
}
