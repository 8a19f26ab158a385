import Mustache

// Mustache treats "" as true in sections, so `{{#brand.logo}}<img …>{{/brand.logo}}` would print an
// empty image for a reseller without a logo. Site contexts use "" for "not set" (as Hugo and
// DocFX templates do), so an empty string is represented as absent: `{{#x}}` skips it, `{{^x}}`
// shows its fallback, and `{{x}}` still prints nothing. Only this target renders Mustache.
extension String: @retroactive MustacheCustomRepresentation {
    public var representation: Any? { isEmpty ? nil : self }
}
