package libmyna

var Version = "0.5.1"
