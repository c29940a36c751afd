# Turn a file into a C array (cmake -DIN=file -DOUT=header -DNAME=symbol -P embed.cmake),
# so a data file can be the library's built-in copy of itself.
file(READ "${IN}" hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
set(sum_line "")
if(DEFINED SHA256_NAME) # also the file's SHA-256, as hex text
  file(SHA256 "${IN}" sum)
  set(sum_line "static const char ${SHA256_NAME}[] = \"${sum}\";\n")
endif()
file(WRITE "${OUT}.tmp" "/* Generated from ${IN} by cmake/embed.cmake: do not edit. */\n"
  "static const unsigned char ${NAME}[] = {\n${bytes}0x00};\n${sum_line}")
file(RENAME "${OUT}.tmp" "${OUT}")
