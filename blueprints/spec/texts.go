package spec

import (
	"regexp"
)

// A blueprint's texts (Why, Pitfalls, NextSteps) may speak of a piece only
// some of its modules hold. Such an item starts with the component's name
// in brackets, "[cloudfront] CloudFront caches ...". The module's README and
// `scaffold new` show an item only when its component is composed;
// `scaffold explain` and `scaffold list`, which speak of every shape, show
// them all.
var textTag = regexp.MustCompile(`^\[([a-z0-9_]+)\] ?`)

// TextTag splits a tagged item into the component it needs ("" when
// untagged) and its text.
func TextTag(item string) (component, text string) {
	if m := textTag.FindStringSubmatch(item); m != nil {
		return m[1], item[len(m[0]):]
	}
	return "", item
}

// TextsFor lists the items whose component is composed, tags removed.
func TextsFor(items []string, composed []Component) []string {
	var out []string
	for _, it := range items {
		if c, text := TextTag(it); c == "" || hasComponent(composed, c) {
			out = append(out, text)
		}
	}
	return out
}

// AllTexts lists every item, tags removed.
func AllTexts(items []string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		_, out[i] = TextTag(it)
	}
	return out
}

func hasComponent(cs []Component, name string) bool {
	for _, c := range cs {
		if c.Name == name {
			return true
		}
	}
	return false
}
