/**
 * Templates shown until the operator of an installation provides the real texts (admin page or KLEINSTADT_LEGAL_DIR).
 * They say plainly that they are placeholders to be replaced; they are not legal advice.
 */
export const defaultPages = {
  impressum: {
    de: {
      title: 'Impressum',
      body: `Diese Installation der Kleinstadtakademie hat noch kein Impressum hinterlegt.

Die betreibende Stelle (zum Beispiel eine Kommune, ein Landkreis oder ein Verein) trägt hier die Angaben nach § 5 DDG ein: Name und Anschrift, vertretungsberechtigte Person, Kontakt (E-Mail, Telefon) und gegebenenfalls Aufsichtsbehörde.

Administratorinnen und Administratoren der Plattform bearbeiten diesen Text unter **Verwaltung → Rechtliche Seiten**.`,
    },
    en: {
      title: 'Legal notice',
      body: `This installation of the Kleinstadtakademie has not yet provided its legal notice (Impressum).

The operator (for example a municipality, a district or an association) enters the details required by § 5 DDG here: name and address, the person authorised to represent it, contact details and, where applicable, the supervisory authority.

Platform administrators edit this text under **Administration → Legal pages**.`,
    },
  },
  datenschutz: {
    de: {
      title: 'Datenschutzerklärung',
      body: `Die Kleinstadtakademie speichert nur, was für die Beteiligung nötig ist.

## Was gespeichert wird
- Für ein Konto: E-Mail-Adresse, Anzeigename, bevorzugte Sprache und ein nicht umkehrbar verschlüsseltes Passwort (Argon2id).
- Für die Anmeldung: ein Sitzungs-Cookie, das nur für die Anmeldung verwendet wird. Es gibt keine Werbe- oder Analyse-Cookies.
- Rollen in Stadträumen und Einladungen, sowie ein Protokoll wichtiger Änderungen.

## Ihre Rechte
Sie können unter **Mein Konto** alle Ihre Daten als JSON herunterladen und Ihr Konto mit allen zugehörigen Daten löschen.

Die betreibende Stelle ergänzt hier die Angaben nach Art. 13 DSGVO (Verantwortliche, Datenschutzbeauftragte, Rechtsgrundlagen, Speicherdauer, Beschwerderecht).`,
    },
    en: {
      title: 'Privacy policy',
      body: `The Kleinstadtakademie stores only what participation needs.

## What is stored
- For an account: email address, display name, preferred language and a password hashed irreversibly (Argon2id).
- For logging in: a session cookie used only for that. There are no advertising or analytics cookies.
- Roles in town spaces and invitations, and a log of important changes.

## Your rights
Under **My account** you can download all your data as JSON and delete your account with all data belonging to it.

The operator adds the information required by Art. 13 GDPR here (controller, data protection officer, legal bases, retention periods, right to lodge a complaint).`,
    },
  },
  barrierefreiheit: {
    de: {
      title: 'Erklärung zur Barrierefreiheit',
      body: `Die Kleinstadtakademie soll für alle nutzbar sein. Sie wird nach der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) und den Web Content Accessibility Guidelines (WCAG 2.1, Stufe AA) entwickelt und mit automatischen Prüfungen (axe-core) auf jeder Seite getestet. Alle Funktionen sind mit der Tastatur bedienbar; Formulare funktionieren auch ohne JavaScript.

## Barriere melden
Wenn Ihnen eine Barriere auffällt, schreiben Sie bitte an die betreibende Stelle (siehe Impressum). Die betreibende Stelle ergänzt hier ihre Kontaktdaten und die zuständige Schlichtungsstelle.`,
    },
    en: {
      title: 'Accessibility statement',
      body: `The Kleinstadtakademie is meant to be usable by everyone. It is developed to the German BITV 2.0 and the Web Content Accessibility Guidelines (WCAG 2.1, level AA) and every page is checked automatically (axe-core). All functions work with a keyboard; forms work without JavaScript too.

## Report a barrier
If you come across a barrier, please write to the operator (see legal notice). The operator adds its contact details and the responsible arbitration body here.`,
    },
  },
} as const;
