package blueprints

import (
	"slices"
	"testing"

	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
)

// TestEveryEngineHasMasterUserRules: a db_engine choice without master user
// rules would let any reserved name through.
func TestEveryEngineHasMasterUserRules(t *testing.T) {
	for _, e := range WebApp().Question("db_engine").ChoiceValues() {
		if e != "none" && !slices.Contains(awsfacts.MasterUserEngines(), e) {
			t.Errorf("db_engine %s has no master user rules in awsfacts/rds.go", e)
		}
	}
}
