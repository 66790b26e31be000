module github.com/jpki/myna

go 1.14

require (
	github.com/ebfe/scard v0.0.0-20230420082256-7db3f9b7c8a7
	github.com/howeyc/gopass v0.0.0-20210920133722-c8aef6fb66ef
	github.com/ianmcmahon/encoding_ssh v0.0.0-20190330023458-31ed23ea1a8a
	github.com/spf13/cobra v1.7.0
	go.mozilla.org/pkcs7 v0.0.0-20210826202110-33d05740a352
	golang.org/x/crypto v0.11.0 // indirect
)
