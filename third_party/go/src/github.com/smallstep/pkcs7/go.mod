module github.com/smallstep/pkcs7

go 1.14

require golang.org/x/crypto v0.33.0
