"""One module per page: compose components, bind state; no queries."""
