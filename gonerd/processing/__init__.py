"""Processing steps of `gonerd build`: pure text functions plus the datatrove pipeline steps that wrap them."""
