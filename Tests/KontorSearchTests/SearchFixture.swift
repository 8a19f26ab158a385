@testable import KontorSearch

/// A tiny help center and catalog of our own, written for the search tests.
enum SearchFixture {
    static let pages: [(url: String, title: String, kind: SearchDocumentKind, html: String)] = [
        ("hilfe/abonnements-verwalten.html", "Abonnements verwalten", .help, """
        <p>In der Abonnementverwaltung sehen Sie alle laufenden Verträge Ihrer Kunden auf einen Blick.</p>
        <h2 id="abonnement-kuendigen">Ein Abonnement kündigen</h2>
        <p>Öffnen Sie das Abonnement und wählen Sie Kündigen. Die Kündigung wird zum Ende des Zeitraums wirksam.</p>
        <h2 id="lizenzen-hinzufuegen">Lizenzen hinzufügen</h2>
        <p>Erhöhen Sie die Anzahl der Lizenzen, wenn neue Mitarbeitende dazukommen.</p>
        """),
        ("hilfe/rechnung-lesen.html", "Ihre Rechnung lesen", .help, """
        <p>Jeden Monat erhalten Sie eine Rechnung mit allen Gebühren des Abrechnungszeitraums.</p>
        <h2 id="gebuehren">Gebühren verstehen</h2>
        <p>Wiederkehrende Gebühren und einmalige Gebühren stehen in getrennten Abschnitten.</p>
        <h2 id="zahlung">Zahlung</h2><p>Bezahlen Sie per Überweisung innerhalb von 30 Tagen.</p>
        """),
        ("hilfe/kennwort-zuruecksetzen.html", "Kennwort zurücksetzen", .help, """
        <p>Hat ein Benutzer sein Kennwort vergessen, setzen Administratoren es zurück.</p>
        <h2 id="schritte">Schritte</h2><p>Wählen Sie den Benutzer, dann Kennwort zurücksetzen, und teilen Sie
        das temporäre Kennwort auf sicherem Weg mit.</p>
        """),
        ("hilfe/kundenvereinbarung.html", "Die Microsoft-Kundenvereinbarung", .help, """
        <p>Bevor Sie für einen Kunden bestellen, muss dieser die Kundenvereinbarung akzeptieren.</p>
        <h2 id="nachweis">Nachweis der Zustimmung</h2><p>Speichern Sie Datum und Namen der Person, die zugestimmt hat.</p>
        """),
        ("hilfe/preise.html", "Preise und Angebote", .help, """
        <p>Die Preisliste erscheint monatlich und nennt alle Preise in CNY.</p>
        <h2 id="preisaenderungen">Preisänderungen</h2><p>Änderungen der Preise kündigt der Betreiber vorab an.</p>
        <h2 id="herunterladen">Preisliste herunterladen</h2><p>Laden Sie die Datei im CSV-Format herunter.</p>
        """),
        ("hilfe/benutzer-anlegen.html", "Benutzerkonten anlegen", .help, """
        <p>Legen Sie für jede Person ein eigenes Benutzerkonto an und vergeben Sie Rollen.</p>
        <h2 id="rollen">Rollen und Berechtigungen</h2><p>Administratoren verwalten Benutzer, Vertriebsmitarbeitende sehen Angebote.</p>
        """),
        ("katalog/angebot/office-365-e3.html", "Office 365 E3", .catalog, """
        <p>Angebots-ID 796B6B5F-613C-4E24-A17C-EBA730D49C02. Kategorie Produktivität.</p>
        <p>Büroanwendungen, E-Mail und Speicher für Unternehmen, pro Benutzer und Monat.</p>
        """),
    ]

    static var documents: [SearchDocument] {
        pages.map { SearchDocument.fromHTML(url: $0.url, title: $0.title, kind: $0.kind, bodyHTML: $0.html) }
    }
}
