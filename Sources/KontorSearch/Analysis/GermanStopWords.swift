/// A small list of German function words, in folded spelling. They are neither indexed nor
/// required in queries. `assets/search.js` (`STOP_WORDS`) carries the same list.
enum GermanStopWords {
    static let all: Set<String> = [
        "aber", "alle", "allem", "allen", "aller", "alles", "als", "also", "am", "an", "auch",
        "auf", "aus", "bei", "bin", "bis", "bist", "da", "damit", "dann", "das", "dass", "dein",
        "deine", "dem", "den", "denn", "der", "des", "dessen", "die", "dies", "diese", "diesem",
        "diesen", "dieser", "dieses", "doch", "dort", "du", "durch", "ein", "eine", "einem",
        "einen", "einer", "eines", "er", "es", "euch", "euer", "fuer", "hat", "hatte", "hier",
        "ich", "ihm", "ihn", "ihnen", "ihr", "ihre", "ihrem", "ihren", "ihrer", "im", "in",
        "ins", "ist", "ja", "jede", "jedem", "jeden", "jeder", "jedes", "kann", "man", "mit",
        "nach", "nicht", "noch", "nun", "nur", "ob", "oder", "sehr", "sein", "seine", "sich",
        "sie", "sind", "so", "soll", "sowie", "um", "und", "uns", "unser", "unter", "vom", "von",
        "vor", "war", "waren", "was", "weil", "wenn", "wer", "werden", "wie", "wir", "wird",
        "wo", "zu", "zum", "zur", "ueber",
    ]
}
