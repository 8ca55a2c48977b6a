// Command scaffold turns classic AWS compute architectures into ready
// Terraform root modules. See `scaffold --help`.
package main

import "os"

func main() {
	collectAtLimit()
	os.Exit(run(os.Args[1:], defaultIO()))
}
