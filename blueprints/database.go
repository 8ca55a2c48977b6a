package blueprints

import (
	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// dbEngineQuestion is the RDS engine of a blueprint composing the rds
// component; noneHelp, when not empty, adds the choice "none" (no
// database) with that help.
func dbEngineQuestion(help, noneHelp string) *spec.Question {
	q := &spec.Question{
		Key:     "db_engine",
		Shape:   spec.Selects,
		Prompt:  "Database engine",
		Help:    help,
		Type:    cty.String,
		Default: spec.Fixed(cty.StringVal("postgres")),
		Choices: []spec.Choice{
			{Value: "postgres", Help: engineHelp("postgres")},
			{Value: "mysql", Help: engineHelp("mysql")},
		},
	}
	if noneHelp != "" {
		q.Choices = append(q.Choices, spec.Choice{Value: "none", Help: noneHelp})
	}
	return q
}

// dbQuestions are the questions of the rds component after the engine:
// size, availability, storage, backups and the master user. when (nil:
// always) and whenText say when a database is composed.
func dbQuestions(when func(spec.Answers) bool, whenText string) []*spec.Question {
	qs := []*spec.Question{
		{
			Key:     "db_instance_class",
			Prompt:  "Database instance class",
			Help:    "The RDS instance size. db.t4g.* (Graviton, burstable) suits development and light load; db.r6g.* (memory-optimised) suits production databases, whose working set should fit in memory (F1).",
			Type:    cty.String,
			Default: spec.Fixed(cty.StringVal("db.t4g.micro")),
			Rules:   []spec.Rule{awsfacts.DBInstanceClassFamily(), awsfacts.DBInstanceClassSize()},
		},
		{
			Key:         "db_multi_az",
			Prompt:      "Run the database in two availability zones?",
			Help:        "Multi-AZ keeps a synchronous standby in another zone and fails over to it in a minute or two; it doubles the database cost (F25).",
			Type:        cty.Bool,
			Default:     isProd,
			DefaultText: "true in prod, false in dev",
		},
		{
			Key:     "db_allocated_storage_gb",
			Prompt:  "Database storage (GiB)",
			Help:    "Initial gp3 storage. Storage autoscaling may grow it up to ten times this size; it never shrinks.",
			Type:    cty.Number,
			Default: spec.Fixed(cty.NumberIntVal(20)),
			// 20 GiB is RDS's gp3 minimum for MySQL and PostgreSQL; the ceiling is
			// 65,536 GiB (RDS's maximum) / 10, because storage autoscaling
			// (max_allocated_storage) is set to ten times this value.
			Rules: []spec.Rule{rules.Whole(), rules.Range(20, 6553)},
		},
		{
			Key:     "db_backup_retention_days",
			Prompt:  "Database backup retention (days)",
			Help:    "How many days of automated backups RDS keeps for point-in-time restore (1 to 35). Seven is a sensible floor; scanners flag less.",
			Type:    cty.Number,
			Default: spec.Fixed(cty.NumberIntVal(7)),
			// RDS takes 0 to 35; 0 turns automated backups and point-in-time restore
			// off, which scaffold does not offer (security scanners flag it too).
			Rules: []spec.Rule{rules.Whole(), rules.Range(1, 35)},
		},
		{
			Key:    "db_username",
			Prompt: "Database master user name",
			Help: "The master user of the database. Its password is generated and kept by AWS Secrets Manager (manage_master_user_password): " +
				"no password is ever written to a file or to the Terraform state. " +
				"A letter, then letters, digits and underscores: up to 63 characters on PostgreSQL, 16 on MySQL; not a word the engine or RDS reserves " +
				"(admin, user and names beginning with pg_ on PostgreSQL; select, system and other SQL reserved words on MySQL; rdsadmin on both).",
			Type:    cty.String,
			Default: spec.Fixed(cty.StringVal("app_admin")),
			// Fixed, not tuned: RDS cannot rename the master user, so
			// another name replaces the database instance and its data.
			Shape: spec.Selects,
			Rules: []spec.Rule{
				awsfacts.DBUsernameLength("db_engine"),
				rules.Matches(`^[A-Za-z][A-Za-z0-9_]*$`, "start with a letter and hold only letters, digits and underscores"),
				awsfacts.ReservedDBUsername("db_engine"),
			},
		},
	}
	for _, q := range qs {
		q.When, q.WhenText = when, whenText
	}
	return qs
}
