package main

import "github.com/jpki/myna/cmd"

func main() {
	cmd.Execute()
}
