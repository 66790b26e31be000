module github.com/ebfe/scard

go 1.19
