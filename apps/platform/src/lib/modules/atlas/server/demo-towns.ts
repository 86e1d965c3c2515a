/**
 * Basic facts of the eight model towns of the ExWoSt research field "Potenziale von Kleinstädten in peripheren
 * Lagen" (2015–2019), so the platform can start with its demo content on a machine without the official data.
 * Codes and names as in the Destatis GV-ISys file (Gebietsstand 31.12.2023).
 */
export const modelTowns = [
  { ags: '16075062', name: 'Bad Lobenstein', landCode: '16', landName: 'Thüringen' },
  { ags: '05762008', name: 'Beverungen', landCode: '05', landName: 'Nordrhein-Westfalen' },
  { ags: '14626140', name: 'Großschönau', landCode: '14', landName: 'Sachsen' },
  { ags: '07140064', name: 'Kastellaun', landCode: '07', landName: 'Rheinland-Pfalz' },
  { ags: '01055028', name: 'Malente', landCode: '01', landName: 'Schleswig-Holstein' },
  { ags: '15088235', name: 'Mücheln (Geiseltal)', landCode: '15', landName: 'Sachsen-Anhalt' },
  { ags: '14523360', name: 'Rodewisch', landCode: '14', landName: 'Sachsen' },
  { ags: '08317146', name: 'Zell am Harmersbach', landCode: '08', landName: 'Baden-Württemberg' },
] as const;
