package awsfacts

// RegionPattern is the shape of an AWS region code: us-east-1, eu-west-3,
// us-gov-west-1, cn-north-1. It checks the shape only, not that AWS has
// such a region.
const RegionPattern = `^[a-z]{2}(-gov|-iso[a-z]?)?-(north|south|east|west|central|northeast|northwest|southeast|southwest)-[1-9]$`
