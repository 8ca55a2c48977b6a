package blueprints

// All returns every blueprint, in the order `scaffold list` shows them.
func All() []*Blueprint {
	return []*Blueprint{WebApp(), ServerlessAPI(), ScheduledBatch()}
}

// Lookup returns the blueprint with the given id, or nil.
func Lookup(id string) *Blueprint {
	for _, b := range All() {
		if b.ID == id {
			return b
		}
	}
	return nil
}

// IDs lists every blueprint id.
func IDs() []string {
	var ids []string
	for _, b := range All() {
		ids = append(ids, b.ID)
	}
	return ids
}
