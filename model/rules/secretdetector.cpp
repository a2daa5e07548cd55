#include "checkregistry.h"
