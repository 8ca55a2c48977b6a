package blueprints

import "github.com/scaffold-tf/scaffold/blueprints/spec"

// ciBatchQuestions are the Batch questions of ci-pipeline; they come from
// the shared Batch constructor once it lands on main.
func ciBatchQuestions() []*spec.Question { return nil }

// ciBatchComponent is the batch component ci-pipeline composes.
func ciBatchComponent() spec.Component { return spec.Component{Name: "batch"} }
