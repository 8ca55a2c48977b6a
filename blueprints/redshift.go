package blueprints

import (
	"fmt"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// redshiftWhen says when a blueprint composes the redshift component: on
// (nil: always), in words, and the answers on reads (they are asked before
// the Redshift questions).
type redshiftWhen struct {
	on    func(spec.Answers) bool
	text  string
	reads []string
}

func (w redshiftWhen) composed(a spec.Answers) bool { return w.on == nil || w.on(a) }

func (w redshiftWhen) serverless(a spec.Answers) bool {
	return w.composed(a) && a.String("redshift_deployment") == "serverless"
}

func (w redshiftWhen) provisioned(a spec.Answers) bool {
	return w.composed(a) && a.String("redshift_deployment") == "provisioned"
}

// and joins the composing condition's words to more.
func (w redshiftWhen) and(more string) string {
	if w.text == "" {
		return more
	}
	return w.text + " and " + more
}

// redshiftDeploymentQuestion chooses Redshift Serverless or a provisioned
// cluster. It is asked before az_count, whose default and rule follow it.
func redshiftDeploymentQuestion(w redshiftWhen) *spec.Question {
	return &spec.Question{
		Key:    "redshift_deployment",
		Shape:  spec.Selects,
		Prompt: "Redshift deployment",
		Help: "Where the warehouse runs. serverless: a Redshift Serverless namespace (the data) and workgroup (the compute), billed per RPU-second while queries run and nothing while idle, " +
			"scaled by AWS; it needs subnets in three availability zones, so az_count becomes 3. " +
			"provisioned: a cluster of RA3 nodes billed per node-hour whether it works or not, cheaper for a warehouse busy most of the day, " +
			"with a maintenance window and resizes you plan. Both receive the analytical data of P3 and P6.",
		Type:    cty.String,
		Default: spec.Fixed(cty.StringVal("serverless")),
		Choices: []spec.Choice{
			{Value: "serverless", Help: "Redshift Serverless: pay per query time, nothing to size but the base capacity"},
			{Value: "provisioned", Help: "a provisioned RA3 cluster: pay per node-hour, for steady heavy use"},
		},
		When: w.on, WhenText: w.text,
	}
}

// redshiftAZCountQuestion is az_count for a blueprint that may compose
// Redshift: three zones by default, and at least three, when the
// warehouse is Redshift Serverless, whose workgroup AWS refuses on fewer.
func redshiftAZCountQuestion(w redshiftWhen) *spec.Question {
	q := azCountQuestion()
	q.Default = func(a spec.Answers) cty.Value {
		if w.serverless(a) {
			return cty.NumberIntVal(awsfacts.RedshiftServerlessMinAZs)
		}
		return cty.NumberIntVal(2)
	}
	q.DefaultText = fmt.Sprintf("%d with Redshift Serverless (%s), 2 otherwise", awsfacts.RedshiftServerlessMinAZs, w.and("redshift_deployment is serverless"))
	q.Help += fmt.Sprintf(" Redshift Serverless needs subnets in at least %d zones.", awsfacts.RedshiftServerlessMinAZs)
	q.Rules = append(q.Rules, rules.Custom(
		fmt.Sprintf("be at least %d with Redshift Serverless, whose workgroup needs subnets in %d availability zones", awsfacts.RedshiftServerlessMinAZs, awsfacts.RedshiftServerlessMinAZs),
		func(v cty.Value, a spec.Answers) error {
			if f, _ := v.AsBigFloat().Float64(); w.serverless(a) && f < awsfacts.RedshiftServerlessMinAZs {
				return fmt.Errorf("redshift_deployment is serverless")
			}
			return nil
		},
		func(key string, a spec.Answers) spec.Expr {
			if !w.serverless(a) {
				return nil // no workgroup in this module
			}
			return spec.Cmp(spec.Var(key), ">=", spec.Num(awsfacts.RedshiftServerlessMinAZs))
		}).Reading(append([]string{"redshift_deployment"}, w.reads...)...))
	return q
}

// redshiftQuestions are the redshift component's questions after the
// deployment: the capacity of the chosen deployment, the database and its
// admin user.
func redshiftQuestions(w redshiftWhen) []*spec.Question {
	nodeTypes := make([]spec.Choice, len(awsfacts.RedshiftNodeTypes))
	for i, n := range awsfacts.RedshiftNodeTypes {
		nodeTypes[i] = spec.Choice{Value: n.Type, Help: n.Help}
	}
	serverless, provisioned := w.serverless, w.provisioned
	return []*spec.Question{
		{
			Key:    "redshift_base_capacity_rpu",
			Prompt: "Redshift Serverless base capacity (RPUs)",
			Help: "The compute a query starts with, in Redshift Processing Units of 16 GB of memory each; Redshift Serverless scales above it under load and bills RPU-seconds only while queries run. " +
				"4, or a multiple of 8 from 8 to 512 (1024 in a few regions, which scaffold does not offer). 4 RPUs suit warehouses under 32 TB, 8 to 24 under 128 TB; " +
				"AWS's own default is 128, scaffold's is 8 so that trying the stack costs little.",
			Type:    cty.Number,
			Default: spec.Fixed(cty.NumberIntVal(8)),
			// The capacity rule takes whole numbers only (4, or multiples of 8).
			Rules: []spec.Rule{awsfacts.RedshiftServerlessBaseCapacity(), redshiftFreeAddressesWarning()},
			When:  serverless, WhenText: w.and("redshift_deployment is serverless"),
		},
		{
			Key:    "redshift_node_type",
			Prompt: "Redshift node type",
			Help: "The RA3 node type of the cluster. RA3 nodes keep the data in Redshift managed storage (S3 behind a local SSD cache), so storage grows without more nodes. " +
				"ra3.large and ra3.xlplus may run as a single node (not recommended for production: leader and compute share it); ra3.4xlarge and ra3.16xlarge need two nodes or more. " +
				"Changing it later is a resize, during which the cluster is read-only.",
			Type:    cty.String,
			Default: spec.Fixed(cty.StringVal("ra3.xlplus")),
			Choices: nodeTypes,
			When:    provisioned, WhenText: w.and("redshift_deployment is provisioned"),
		},
		{
			Key:    "redshift_node_count",
			Prompt: "Redshift nodes",
			Help: "How many nodes the cluster has. One node serves development; two or more split the leader from the compute nodes, and Redshift spreads each query over them. " +
				"ra3.large and ra3.xlplus: 1, or 2 to 16; ra3.4xlarge: 2 to 32; ra3.16xlarge: 2 to 128.",
			Type: cty.Number,
			Default: func(a spec.Answers) cty.Value {
				return cty.NumberIntVal(map[bool]int64{true: 2, false: 1}[a.String("environment") == "prod" || !singleNode(a.String("redshift_node_type"))])
			},
			DefaultText: "2 in prod or when the node type needs two, 1 otherwise",
			Rules:       []spec.Rule{rules.Whole(), awsfacts.RedshiftNodeCount("redshift_node_type", provisioned)},
			When:        provisioned, WhenText: w.and("redshift_deployment is provisioned"),
		},
		{
			Key:    "redshift_database_name",
			Prompt: "Redshift database name",
			Help: "The database Redshift creates with the warehouse, where the loaded tables live. " +
				"1 to 64 characters: a lowercase letter, then lowercase letters, digits and underscores; not a Redshift reserved word (such as user, table or select).",
			Type:    cty.String,
			Default: spec.Fixed(cty.StringVal("analytics")),
			// Fixed, not tuned: a new name replaces the namespace or the
			// cluster (DBName is set at creation only), and the data with it.
			Shape: spec.Selects,
			Rules: []spec.Rule{
				rules.Length(1, 64),
				rules.Matches(`^[a-z][a-z0-9_]*$`, "start with a lowercase letter and hold only lowercase letters, digits and underscores"),
				awsfacts.RedshiftNotReserved(false),
			},
			When: w.on, WhenText: w.text,
		},
		{
			Key:    "redshift_admin_username",
			Prompt: "Redshift admin user name",
			Help: "The warehouse's admin (superuser). Its password is generated and kept by AWS Secrets Manager, encrypted with the module's key: no password is ever written to a file or to the Terraform state. " +
				"1 to 128 characters: a lowercase letter, then lowercase letters, digits and underscores; not PUBLIC nor a Redshift reserved word. " +
				"Avoid awsuser, the console's default, which AWS Config's redshift-default-admin-check flags.",
			Type:    cty.String,
			Default: spec.Fixed(cty.StringVal("dw_admin")),
			// Fixed, not tuned: a cluster's master user name cannot change
			// (a new one replaces the cluster and its data).
			Shape: spec.Selects,
			Rules: []spec.Rule{
				rules.Length(1, 128),
				rules.Matches(`^[a-z][a-z0-9_]*$`, "start with a lowercase letter and hold only lowercase letters, digits and underscores"),
				awsfacts.RedshiftNotReserved(true),
			},
			When: w.on, WhenText: w.text,
		},
	}
}

// singleNode reports whether a cluster of node type t may have one node.
func singleNode(t string) bool {
	for _, n := range awsfacts.RedshiftNodeTypes {
		if n.Type == t {
			return n.SingleNode
		}
	}
	return false
}

// redshiftComponent is the redshift component reading what p names.
func redshiftComponent(p RedshiftParams) spec.Component {
	return spec.Component{Name: "redshift", Params: p}
}

// redshiftDataLossPitfall says what protects the warehouse's data, in every
// blueprint that composes the redshift component.
const redshiftDataLossPitfall = "[redshift] Redshift has no deletion protection: terraform destroy, or an edit that replaces the warehouse (a new name or environment), deletes it. " +
	"A provisioned cluster leaves a final snapshot first in prod or with deletion_protection; Redshift Serverless leaves none (provider 5.100 cannot ask for one), " +
	"so take a snapshot (aws redshift-serverless create-snapshot) before such a change."

// redshiftFreeAddressesWarning warns when the base capacity may need more
// free addresses in each private subnet than the subnet holds at all
// (awsfacts.RedshiftServerlessFreeAddresses): the workgroup would fail to
// be created with "Insufficient free IP addresses found in subnets". A
// warning, not a refusal: the figure is AWS's of 2022, unconfirmed today.
func redshiftFreeAddressesWarning() spec.Rule {
	return rules.Warn(fmt.Sprintf("Redshift Serverless with enhanced VPC routing (on in this module) has needed about base capacity / 4 + 5 free addresses in each private subnet (%d at 32 RPUs, %d at 512), more than a subnet of this vpc_cidr holds, beside the other interfaces there: if creating the workgroup fails with \"Insufficient free IP addresses found in subnets\", lower the base capacity or give vpc_cidr a shorter prefix",
		awsfacts.RedshiftServerlessFreeAddresses(32), awsfacts.RedshiftServerlessFreeAddresses(512)),
		func(v cty.Value, a spec.Answers) error {
			perSubnet, _, ok := privateAddresses(a)
			if f, _ := v.AsBigFloat().Float64(); ok && awsfacts.RedshiftServerlessFreeAddresses(int(f)) > perSubnet {
				return rules.ErrRule
			}
			return nil
		}).Reading("vpc_cidr", "az_count")
}
