module go.mozilla.org/pkcs7

go 1.11
