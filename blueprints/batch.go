package blueprints

// ScheduledBatch is P6: EventBridge → Batch → S3. (being written)
func ScheduledBatch() *Blueprint { return &Blueprint{ID: "scheduled-batch"} }
