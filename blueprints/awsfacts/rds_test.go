package awsfacts

import (
	"regexp"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

func engineAnswers(engine string) spec.Answers {
	return spec.NewAnswers(map[string]cty.Value{"db_engine": cty.StringVal(engine)})
}

// TestMasterUserPerEngine: issue 9's example (admin on PostgreSQL) and its
// kin, each checked against the engine read from db_engine.
func TestMasterUserPerEngine(t *testing.T) {
	reserved, length := ReservedDBUsername("db_engine"), DBUsernameLength("db_engine")
	cases := []struct {
		engine, user string
		ok           bool
	}{
		{"postgres", "admin", false},   // RDS reserves it for PostgreSQL (cfn-lint 4425)
		{"mysql", "admin", true},       // but not for MySQL
		{"postgres", "postgres", true}, // the console's own default
		{"postgres", "user", false},    // a PostgreSQL reserved word
		{"postgres", "USER", false},    // identifiers fold to lower case
		{"mysql", "user", true},        // not reserved in MySQL
		{"mysql", "select", false},
		{"mysql", "lateral", false}, // reserved since MySQL 8.0.14
		{"mysql", "qualify", false}, // reserved since MySQL 8.4
		{"postgres", "system_user", false},
		{"postgres", "pg_app", false}, // pg_ role names are reserved
		{"mysql", "pg_app", true},
		{"postgres", "rdsadmin", false},
		{"mysql", "rdsadmin", false},
		{"postgres", "app_admin", true},
	}
	for _, c := range cases {
		err := reserved.Check(cty.StringVal(c.user), engineAnswers(c.engine))
		if (err == nil) != c.ok {
			t.Errorf("%s master user %q: accepted = %v, want %v (%v)", c.engine, c.user, err == nil, c.ok, err)
		}
	}
	for _, m := range masterUsers {
		for n, ok := range map[int]bool{m.MaxLength: true, m.MaxLength + 1: false, 1: true} {
			err := length.Check(cty.StringVal(strings.Repeat("a", n)), engineAnswers(m.Engine))
			if (err == nil) != ok {
				t.Errorf("%s master user of %d characters: accepted = %v, want %v", m.Engine, n, err == nil, ok)
			}
		}
	}
}

// TestMasterUserTables: every reserved word is one a user could type (the
// character rule would otherwise make it dead weight), lowercase, listed
// once; and the engine lists carry the engine's whole reserved-word list,
// not a sample: at least the counts the sources give.
func TestMasterUserTables(t *testing.T) {
	word := regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	minimum := map[string]int{"postgres": 101, "mysql": 268} // kwlist.h reserved + type/func names with system_user; MySQL 8.0 ∪ 9 (R)
	for _, m := range masterUsers {
		seen := map[string]bool{}
		for _, r := range m.Reserved {
			if !word.MatchString(r) || seen[r] {
				t.Errorf("%s: reserved %q is not a lowercase word a user can type, or is listed twice", m.Engine, r)
			}
			seen[r] = true
		}
		if len(m.Reserved) < minimum[m.Engine] {
			t.Errorf("%s: %d reserved words, fewer than the %d of its sources", m.Engine, len(m.Reserved), minimum[m.Engine])
		}
	}
}

// TestDatabaseNamePerEngine: the database RDS creates for the application
// (db_name) follows the engine's own limits, reserved words and system
// databases, each judged for the engine read from db_engine.
func TestDatabaseNamePerEngine(t *testing.T) {
	reserved, length := ReservedDBName("db_engine"), DBNameLength("db_engine")
	cases := []struct {
		engine, name string
		ok           bool
	}{
		{"postgres", "app", true},
		{"postgres", "postgres", false},  // every PostgreSQL instance holds it
		{"mysql", "postgres", true},      // not a MySQL name
		{"mysql", "mysql", false},        // MySQL's system schema
		{"postgres", "mysql", true},      // but any PostgreSQL name
		{"mysql", "Sys", false},          // compared without regard to case
		{"postgres", "template1", false}, // PostgreSQL's template databases
		{"postgres", "rdsadmin", false},  // RDS's own database
		{"postgres", "user", false},      // a PostgreSQL reserved word
		{"mysql", "user", true},          // not reserved in MySQL
		{"mysql", "database", false},     // a MySQL reserved word
		{"postgres", "admin", true},      // a reserved user name, not a reserved database name
	}
	for _, c := range cases {
		err := reserved.Check(cty.StringVal(c.name), engineAnswers(c.engine))
		if (err == nil) != c.ok {
			t.Errorf("%s database %q: accepted = %v, want %v (%v)", c.engine, c.name, err == nil, c.ok, err)
		}
	}
	// RDS: 1 to 63 on PostgreSQL, 1 to 64 on MySQL (CreateDBInstance DBName).
	for engine, max := range map[string]int{"postgres": 63, "mysql": 64} {
		for n, ok := range map[int]bool{max: true, max + 1: false, 1: true} {
			err := length.Check(cty.StringVal(strings.Repeat("a", n)), engineAnswers(engine))
			if (err == nil) != ok {
				t.Errorf("%s database name of %d characters: accepted = %v, want %v", engine, n, err == nil, ok)
			}
		}
	}
	for _, d := range databaseNames {
		if _, ok := masterUserFor(d.Engine); !ok {
			t.Errorf("database name rules for %s, an engine with no master user rules", d.Engine)
		}
	}
}
